package app

func drain(rc ReadCloser) {
	rc.Read()
	rc.Close()
}
