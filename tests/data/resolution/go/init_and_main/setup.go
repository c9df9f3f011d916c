package main

func setup() {}

func run() {}
