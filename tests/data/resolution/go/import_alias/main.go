package main

import u "example.com/app/internal/util"

func main() {
	u.Do()
}
