package cx

func Classify(x int, ok bool) string {
	if x > 0 && ok {
		return "pos"
	} else if x < 0 || !ok {
		return "neg"
	}
	for i := 0; i < x; i++ {
	}
	switch x {
	case 1:
		return "one"
	case 2, 3:
		return "few"
	default:
		return "many"
	}
}

func Select(a, b chan int) {
	select {
	case <-a:
	case v := <-b:
		_ = v
	default:
	}
	var i interface{} = 1
	switch i.(type) {
	case int:
	case string:
	}
}
