cwmSamples.rows(21,[["perm/S5/tuple/all/T64/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/tuple/all/T64/kfinal/1",1,1,0,0,0,0,0,0]]);
