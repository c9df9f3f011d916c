void log_msg(const char *fmt, ...);
