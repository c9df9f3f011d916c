mod outer;
