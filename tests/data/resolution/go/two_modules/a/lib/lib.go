package lib

import "example.com/b/util"

func A() { util.B() }
