package store

type DB struct{}

func Open(path string) (*DB, error) { return &DB{}, nil }

func (d *DB) Get(k string) string { return k }
