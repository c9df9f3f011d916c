package main

import "example.com/app"

func main() {
	app.Version()
}
