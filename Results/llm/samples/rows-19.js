cwmSamples.rows(19,[["perm/S5/tuple/all/T16/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/tuple/all/T16/kfinal/1",1,1,0,0,0,0,0,0]]);
