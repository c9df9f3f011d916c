package com.acme.core;

public class Middle extends Root {}
