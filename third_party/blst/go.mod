module github.com/supranational/blst

go 1.11
