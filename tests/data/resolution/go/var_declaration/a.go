package app

type Client struct{}

func (c Client) Do() {}

func main() {
	var c Client
	c.Do()
}
