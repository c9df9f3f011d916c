package app

func drive(c *Car) {
	c.Start()
}
