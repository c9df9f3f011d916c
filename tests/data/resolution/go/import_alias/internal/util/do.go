package util

func Do() {}
