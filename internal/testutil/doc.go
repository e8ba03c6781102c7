// Package testutil holds tide's shared test machinery: the script runner
// that executes testdata/scripts/*.lua and compares the results with their
// golden files, the differential harness that runs the same scripts under
// the reference interpreter lua5.4, a line diff for readable failures, and a
// few assertion helpers.
//
// The package does not import package tide or any interpreter stage: the
// code under test is passed in as a [RunFunc], so every stage can use the
// runner without import cycles.
package testutil
