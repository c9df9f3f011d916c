package app

import "example.com/app/model"

type User struct {
	model.Base
}

func show(u User) {
	u.ID()
}
