package app

type Client struct{}

func (c Client) Do() {}

type Pool struct{}

func (p *Pool) Get() {}
