package tidelib

// PauseStats exports pauseStats to the tests.
var PauseStats = pauseStats
