cwmSamples.rows(18,[["perm/S5/tuple/all/T8/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/tuple/all/T8/kfinal/1",1,1,0,0,0,0,0,0]]);
