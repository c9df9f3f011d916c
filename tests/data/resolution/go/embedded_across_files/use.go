package app

func use(c *Conn) {
	c.Close()
}
