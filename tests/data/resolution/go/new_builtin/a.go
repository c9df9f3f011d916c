package app

type Buf struct{}

func (b *Buf) Reset() {}

func main() {
	b := new(Buf)
	b.Reset()
}
