package app

func Fetch() {
	defaultClient.Do()
}
