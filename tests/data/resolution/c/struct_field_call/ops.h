struct file_ops {
    int (*open)(const char *path);
    int (*close)(int fd);
};
