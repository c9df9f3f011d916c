package store

type DB struct{}

func (d *DB) Query() {}
