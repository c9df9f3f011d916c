package main

import (
	"fmt"
	str "strings"
	_ "embed"
	. "math"
	"example.com/app/internal/util"
	yaml "gopkg.in/yaml.v3"
	"github.com/x/y/v2"
)

func main() {
	fmt.Println(str.ToUpper("a"))
	util.Parse("x")
	yaml.Marshal(nil)
	y.Do()
	Sqrt(2)
}
