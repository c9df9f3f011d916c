package com.acme;

public class Stack {
    public void push(int x) {}
}
