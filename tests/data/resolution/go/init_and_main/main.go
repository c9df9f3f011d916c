package main

func init() {
	setup()
}

func main() {
	run()
}
