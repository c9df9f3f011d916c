package com.example.io;

import java.io.IOException;

/** Something that can be read from. */
public interface Source extends AutoCloseable {
    /** Reads up to {@code n} bytes. */
    byte[] read(int n) throws IOException;

    /** Reads everything. */
    default byte[] readAll() throws IOException {
        return read(Integer.MAX_VALUE);
    }

    static Source empty() {
        return n -> new byte[0];
    }

    int BUFFER = 4096;
}

@interface Marker {
    String value() default "";
}
