package api

import "example.com/app/store"

func Handle(db *store.DB) {
	db.Query()
}
