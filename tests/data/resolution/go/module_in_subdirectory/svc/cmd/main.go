package main

import "example.com/svc/internal/store"

func main() {
	store.Open()
}
