package main

import "example.com/app/store"

func main() {
	db, err := store.Open("x")
	if err != nil {
		return
	}
	db.Get("k")
}
