package main

import (
	"github.com/x/y/v2"
	yaml "gopkg.in/yaml.v3"
)

func main() {
	y.Do()
	yaml.Marshal(nil)
}
