package vm

// breathe runs after the full collection of collectgarbage("collect")
// (FullGC): it decides whether memory goes back to the operating system.
func (st *State) breathe() {}
