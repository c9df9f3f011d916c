package log

type Logger struct{}

func (l *Logger) Print() {}

var Default = &Logger{}
