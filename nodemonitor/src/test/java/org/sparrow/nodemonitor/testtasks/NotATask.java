package org.sparrow.nodemonitor.testtasks;

public class NotATask {}
