cwmSamples.rows(1,[["perm/S3/swap/one/T8/kfinal/0",1,1,0,0,0,0,0,0],["perm/S3/swap/one/T8/kfinal/1",1,1,0,0,0,0,0,0],["perm/S3/swap/one/T8/kfinal/2",1,1,0,0,0,0,1,1]]);
