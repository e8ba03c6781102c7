-- calling an undefined global
print("calling missing function")
missing_function(1, 2) -- ERROR "attempt to call a nil value \(global 'missing_function'\)"
