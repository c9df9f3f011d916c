package com.acme;

import junit.framework.TestCase;

public class StackTest extends TestCase {
    public void testPush() {
        Stack s = new Stack();
        s.push(1);
        assertTrue(true);
    }
}
