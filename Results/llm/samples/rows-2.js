cwmSamples.rows(2,[["perm/S3/swap/one/T32/k4/0",8,6,3,1,1,0,2,0],["perm/S3/swap/one/T32/k4/1",8,7,1,0,1,1,2,1],["perm/S3/swap/one/T32/k4/2",8,5,0,0,0,0,3,1]]);
