package util

func B() {}
