package two

func helper() {}
