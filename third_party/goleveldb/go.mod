module github.com/syndtr/goleveldb

go 1.14

require github.com/golang/snappy v1.0.0
