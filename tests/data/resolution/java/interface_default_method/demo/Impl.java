package demo;

public class Impl implements Greeter {}
