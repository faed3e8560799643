cwmSamples.rows(0,[["perm/S3/swap/one/T8/k4/0",2,0,0,0,1,0,1,0],["perm/S3/swap/one/T8/k4/1",2,2,0,0,0,0,0,0],["perm/S3/swap/one/T8/k4/2",2,1,0,0,0,0,1,1]]);
