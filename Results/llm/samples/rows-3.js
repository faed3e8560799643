cwmSamples.rows(3,[["perm/S3/swap/one/T32/kfinal/0",1,0,0,0,0,0,0,0],["perm/S3/swap/one/T32/kfinal/1",1,1,0,0,0,0,0,0],["perm/S3/swap/one/T32/kfinal/2",1,0,0,0,0,0,0,0]]);
