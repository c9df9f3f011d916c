package main

import "example.com/app/log"

func main() {
	log.Default.Print()
}
