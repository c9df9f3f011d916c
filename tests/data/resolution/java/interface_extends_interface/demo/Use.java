package demo;

class Use {
    void done(Channel ch) {
        ch.send("bye");
        ch.close();
    }
}
