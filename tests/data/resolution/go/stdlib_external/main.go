package main

import (
	"fmt"
	"net/http"
	str "strings"
)

func main() {
	fmt.Println(str.ToUpper("a"))
	http.Get("x")
}
