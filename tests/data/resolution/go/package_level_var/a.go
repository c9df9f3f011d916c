package app

var defaultClient = &Client{}

type Client struct{}

func (c *Client) Do() {}
