package com.acme;

public class App {
    public static void main(String[] args) {
        Helper.assist(args.length);
    }
}
