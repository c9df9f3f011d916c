package two

func Run() { helper() }
