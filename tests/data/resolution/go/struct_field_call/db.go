package app

type DB struct{}

func (d *DB) Query() {}
