// The tests of this module land with its issue.
