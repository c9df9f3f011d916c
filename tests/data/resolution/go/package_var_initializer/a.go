package app

var table = build()
